import { AnalysisResult, AnalyzeOptions, ManifestSource, analyzeManifests } from './analyze';
import { readManifests } from './read';

/**
 * The manifest linter and access map, for any Kubernetes objects: the same rules and
 * wiring checks the constructs run, over Deployments, StatefulSets, DaemonSets, Pods,
 * Services, Ingresses and EndpointSlices however they were made.
 */
export class ManifestAnalyzer {
  /**
   * Analyzes parsed objects: findings (errors and warnings with field paths) and, for each
   * Service, every way it is reached.
   */
  public static analyze(sources: ManifestSource[], options: AnalyzeOptions = {}): AnalysisResult {
    return analyzeManifests(sources, options);
  }

  /**
   * Reads YAML files or folders (multi-document, `List` objects flattened) and analyzes them.
   * Throws with one line per unreadable file or document.
   */
  public static analyzeFiles(paths: string[], options: AnalyzeOptions = {}): AnalysisResult {
    const read = readManifests(paths);
    if (read.errors.length > 0) throw new Error(read.errors.join('\n'));
    return analyzeManifests(read.sources, options);
  }

  private constructor() {}
}
