/*
 * The per-App validation sweep is part of the Registry (registry.ts). This module is kept
 * only for service-target.ts's import; remove it once that file imports from './registry'.
 */
export { refreshFromRoot, validateFromRoot } from './registry';
