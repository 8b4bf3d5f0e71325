/**
 * Datasets: readers for MNIST and Fashion-MNIST (IDX), CIFAR-10 and CIFAR-100 (binary version) and
 * SVHN (cropped digits, .mat); the local cache, download and checksum; the paper's preprocessing;
 * stratified validation splits and subsampling.
 *
 * <p>Hands training plain arrays ({@link io.github.metaqnn4j.data.ImageDataset}); knows nothing of
 * the search and does not import Deeplearning4j or ND4J.
 *
 * <pre>{@code
 * var data = Datasets.fashionMnist().validation(5_000).subsample(10_000).seed(1).load();
 * data.train().size();        // 5,000 (10,000 subsampled, minus 5,000 for validation)
 * data.validation().classCounts();
 * }</pre>
 */
package io.github.metaqnn4j.data;
