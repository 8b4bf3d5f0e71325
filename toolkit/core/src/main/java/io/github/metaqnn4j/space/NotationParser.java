package io.github.metaqnn4j.space;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the notation of the paper's tables: an optional {@code [ ]} around layers separated by
 * commas or dashes (the project page writes {@code C(64, 3, 1) - P(2, 2) - SM(10)}).
 */
final class NotationParser {
  private final String text;
  private int pos;

  private NotationParser(String text) {
    this.text = text;
  }

  static Architecture parseArchitecture(String text) {
    if (text == null) {
      throw new IllegalArgumentException("architecture text is null");
    }
    NotationParser p = new NotationParser(text);
    List<Layer> layers = p.layers();
    return new Architecture(layers);
  }

  static Layer parseLayer(String text) {
    if (text == null) {
      throw new IllegalArgumentException("layer text is null");
    }
    NotationParser p = new NotationParser(text);
    p.skipSpace();
    Layer layer = p.layer();
    p.skipSpace();
    p.expectEnd("end of the layer");
    return layer;
  }

  private List<Layer> layers() {
    skipSpace();
    boolean bracket = accept('[');
    List<Layer> layers = new ArrayList<>();
    skipSpace();
    if (bracket && accept(']')) {
      throw new NotationException(text, pos - 1, "a layer such as C(64,3,1)");
    }
    layers.add(layer());
    while (true) {
      skipSpace();
      if (accept(',') || accept('-')) {
        skipSpace();
        layers.add(layer());
        continue;
      }
      break;
    }
    if (bracket && !accept(']')) {
      throw new NotationException(text, pos, "',' or ']'");
    }
    skipSpace();
    expectEnd(bracket ? "the end of the text after ']'" : "',' or the end of the text");
    return layers;
  }

  private Layer layer() {
    int start = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    int arity =
        switch (name) {
          case "C" -> 3;
          case "P" -> 2;
          case "FC", "GAP", "SM" -> 1;
          default -> throw new NotationException(text, start, "a layer type C, P, FC, GAP or SM");
        };
    skipSpace();
    expect('(');
    int[] args = new int[arity];
    for (int i = 0; i < arity; i++) {
      skipSpace();
      if (i > 0) {
        if (!accept(',')) {
          throw new NotationException(text, pos, "',': " + name + " takes " + arity + " numbers");
        }
        skipSpace();
      }
      args[i] = number();
    }
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == ',') {
      throw new NotationException(text, pos, "')': " + name + " takes " + arity + " numbers");
    }
    expect(')');
    try {
      return switch (name) {
        case "C" -> new Conv(args[0], args[1], args[2]);
        case "P" -> new Pool(args[0], args[1]);
        case "FC" -> new FullyConnected(args[0]);
        case "GAP" -> new GlobalAveragePooling(args[0]);
        default -> new Softmax(args[0]);
      };
    } catch (IllegalArgumentException e) {
      throw new NotationException(text, start, "valid parameters (" + e.getMessage() + ")");
    }
  }

  private int number() {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw new NotationException(text, start, "a positive whole number");
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw new NotationException(text, start, "a number below 2^31");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw new NotationException(text, pos, "'" + c + "'");
    }
  }

  private void expectEnd(String expected) {
    if (pos != text.length()) {
      throw new NotationException(text, pos, expected);
    }
  }
}
