import { routesDot, routesHtml } from '../access-html';
import { routesMermaid } from '../access-markdown';
import { defineRoutesFormat } from './format';

/** `routes --format mermaid`, `dot` and `html`: the access map as a graph. */
defineRoutesFormat({ name: 'mermaid', print: (r, io) => io.out(routesMermaid([...r.services])) });
defineRoutesFormat({ name: 'dot', print: (r, io) => io.out(routesDot([...r.services])) });
defineRoutesFormat({ name: 'html', print: (r, io) => io.out(routesHtml([...r.services])) });
