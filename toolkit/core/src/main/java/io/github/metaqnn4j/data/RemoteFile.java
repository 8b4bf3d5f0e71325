package io.github.metaqnn4j.data;

import java.net.URI;

/**
 * A dataset file as its publisher serves it: file name, canonical address and check.
 *
 * <pre>{@code
 * new RemoteFile("train_32x32.mat", URI.create("https://ufldl.stanford.edu/housenumbers/train_32x32.mat"),
 *     new FileCheck(182_040_794, "MD5", "e26dedcc434d2e4c54c9b2d4a06d8373", false));
 * }</pre>
 */
public record RemoteFile(String fileName, URI uri, FileCheck check) {
  /**
   * The most bytes a download of this file may bring: its size, or for a gzipped file checked by
   * its content, that size plus gzip's worst-case overhead.
   */
  public long maxDownloadBytes() {
    return check.gunzipped() ? check.size() + check.size() / 1000 + 1024 : check.size();
  }
}
