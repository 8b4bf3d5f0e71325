package io.github.metaqnn4j.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads the classes JShell compiles from cells, and the jars cells add ({@code %maven}, {@code
 * %jars}), in one class loader whose parent is the kernel's: the toolkit's classes are shared by
 * the kernel (its renderers) and the cells, so a cell's table is a table the renderer knows.
 */
final class SnippetLoader implements LoaderDelegate {
  private final Loader loader = new Loader(ClassLoader.getSystemClassLoader());
  private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

  private static final class Loader extends URLClassLoader {
    private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();

    Loader(ClassLoader parent) {
      super(new URL[0], parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = bytecodes.get(name);
      return b != null ? defineClass(name, b, 0, b.length) : super.findClass(name);
    }

    void addJar(URL url) {
      addURL(url);
    }
  }

  /** The class loader of cells' classes and added jars. */
  ClassLoader classLoader() {
    return loader;
  }

  @Override
  public void load(ClassBytecodes[] classes) throws ClassInstallException {
    boolean[] installed = new boolean[classes.length];
    for (ClassBytecodes c : classes) {
      loader.bytecodes.put(c.name(), c.bytecodes());
    }
    for (int i = 0; i < classes.length; i++) {
      try {
        Class<?> k = loader.loadClass(classes[i].name());
        k.getDeclaredMethods(); // links the class now, so a broken one fails here
        loaded.put(classes[i].name(), k);
        installed[i] = true;
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
      }
    }
  }

  @Override
  public void classesRedefined(ClassBytecodes[] classes) {
    for (ClassBytecodes c : classes) {
      loader.bytecodes.put(c.name(), c.bytecodes());
    }
  }

  @Override
  public void addToClasspath(String path) throws InternalException {
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        try {
          loader.addJar(Path.of(entry).toUri().toURL());
        } catch (MalformedURLException e) {
          throw new InternalException("not a class path entry: " + entry);
        }
      }
    }
  }

  @Override
  public Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> k = loaded.get(name);
    return k != null ? k : loader.loadClass(name);
  }
}
