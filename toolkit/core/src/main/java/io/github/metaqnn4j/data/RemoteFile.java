package io.github.metaqnn4j.data;

import java.net.URI;

/**
 * A dataset file as its publisher serves it: file name, canonical address and check.
 *
 * <pre>{@code
 * new RemoteFile("train_32x32.mat", URI.create("http://ufldl.stanford.edu/housenumbers/train_32x32.mat"),
 *     new FileCheck(182_040_794, "MD5", "e26dedcc434d2e4c54c9b2d4a06d8373", false));
 * }</pre>
 */
public record RemoteFile(String fileName, URI uri, FileCheck check) {}
