package io.github.metaqnn4j.train;

/**
 * Which compute path Deeplearning4j uses in this JVM.
 *
 * <pre>{@code
 * CpuAcceleration.ensure();   // BackendReport[backend=CPU, oneDnnBuild=true, helpersActive=true, ...]
 * }</pre>
 *
 * @param backend the ND4J backend: CPU or CUDA
 * @param nativeBuild the ND4J native artifact's build flags, e.g. "HAVE_ONEDNN HAVE_OPENBLAS"
 * @param oneDnnBuild whether the native build includes oneDNN
 * @param helpersActive whether Deeplearning4j's oneDNN layer helpers are attached to conv layers
 * @param summary one line saying which path runs and why
 */
public record BackendReport(
    String backend,
    String nativeBuild,
    boolean oneDnnBuild,
    boolean helpersActive,
    String summary) {

  /** The compute path in one word: "CUDA", "oneDNN" (helpers active) or "plain". */
  public String path() {
    if ("CUDA".equalsIgnoreCase(backend)) {
      return "CUDA";
    }
    return oneDnnBuild && helpersActive ? "oneDNN" : "plain";
  }

  /** Whether training runs on the fast oneDNN path (or a GPU). */
  public boolean fastPath() {
    return "CUDA".equalsIgnoreCase(backend) || (oneDnnBuild && helpersActive);
  }
}
