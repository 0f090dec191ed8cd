/*
 * Every output format: each file registers its own (defineCheckFormat, defineRoutesFormat).
 * `routes --help` lists its formats in the order of these imports; `check --help` by rank.
 */
import './text';
import './json';
import './sarif';
import './github';
import './routes-table';
import './routes-json';
import './routes-graph';

export { byPlace, checkFormats, fileErrorLine, routesFormats } from './format';
export type { CheckFormat, CheckReport, FormatIO, RoutesFormat, RoutesReport } from './format';
