package io.github.metaqnn4j.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies, as {@code %maven} does: Maven Central
 * and the repositories {@code %mavenRepo} added, cached in the local repository ({@code
 * ~/.m2/repository}, or the system property {@code maven.repo.local}).
 */
final class MavenDependencies {
  static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

  private final Path localRepository;
  private final List<RemoteRepository> repositories = new ArrayList<>();
  private RepositorySystem system;

  MavenDependencies(Path localRepository) {
    this.localRepository = localRepository;
    repositories.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
  }

  /** The local repository of the user running the kernel. */
  static Path defaultLocalRepository() {
    String configured = System.getProperty("maven.repo.local");
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** Adds (or replaces, by id) a remote repository searched after the earlier ones. */
  void addRepository(String id, String url) {
    repositories.removeIf(r -> r.getId().equals(id));
    repositories.add(new RemoteRepository.Builder(id, "default", url).build());
  }

  /** The repositories searched, in order, as "id url". */
  List<String> repositories() {
    return repositories.stream().map(r -> r.getId() + " " + r.getUrl()).toList();
  }

  /**
   * The jars of {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version}) and
   * of their runtime dependencies.
   *
   * @throws IllegalArgumentException when a coordinate is malformed or cannot be resolved, naming
   *     it and the repositories searched
   */
  List<Resolved> resolve(List<String> coordinates) {
    Set<Resolved> jars = new LinkedHashSet<>();
    RepositorySystem rs = system();
    try (RepositorySystemSession.CloseableSession session =
        new SessionBuilderSupplier(rs)
            .get()
            .withLocalRepositoryBaseDirectories(localRepository)
            .build()) {
      for (String c : coordinates) {
        DefaultArtifact artifact;
        try {
          artifact = new DefaultArtifact(c);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "'" + c + "' is not a Maven coordinate: write group:artifact:version");
        }
        CollectRequest collect =
            new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories);
        DependencyRequest request =
            new DependencyRequest(
                collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
          for (ArtifactResult r : rs.resolveDependencies(session, request).getArtifactResults()) {
            jars.add(
                new Resolved(
                    r.getArtifact().getPath(),
                    r.getArtifact().getArtifactId(),
                    r.getArtifact().getBaseVersion()));
          }
        } catch (DependencyResolutionException e) {
          throw new IllegalArgumentException(
              "cannot resolve "
                  + c
                  + " from "
                  + String.join(", ", repositories())
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
    return List.copyOf(jars);
  }

  /** A resolved jar and the artifact and version it is. */
  record Resolved(Path jar, String artifactId, String version) {
    /**
     * The jar of {@code entries} (class path entries) that holds another version of this artifact:
     * {@code artifactId-otherVersion[-classifier].jar}.
     */
    java.util.Optional<String> otherVersionIn(List<String> entries) {
      String prefix = artifactId + "-";
      return entries.stream()
          .map(e -> Path.of(e).getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
          .filter(n -> n.length() > prefix.length() && Character.isDigit(n.charAt(prefix.length())))
          .filter(n -> !n.substring(prefix.length()).startsWith(version))
          .findFirst();
    }
  }

  private synchronized RepositorySystem system() {
    if (system == null) {
      system = new RepositorySystemSupplier().get();
    }
    return system;
  }
}
