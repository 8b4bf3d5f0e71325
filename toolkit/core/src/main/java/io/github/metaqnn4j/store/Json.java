package io.github.metaqnn4j.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The store's JSON: settings and provenance trees, learning curves and metrics. Stores of schema 1
 * held curves as {@code 0.1,0.2} and metrics as {@code k=v,k=v}; those are still read.
 */
final class Json {
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

  private Json() {}

  /**
   * {@code value} (maps, lists, records, strings, numbers) as a JSON tree, object keys sorted so
   * that the same settings always read the same (a {@code Map.of} iterates in another order in
   * every JVM).
   */
  static JsonElement tree(Object value) {
    return sorted(GSON.toJsonTree(value));
  }

  private static JsonElement sorted(JsonElement e) {
    if (e.isJsonObject()) {
      JsonObject out = new JsonObject();
      new TreeMap<>(e.getAsJsonObject().asMap()).forEach((k, v) -> out.add(k, sorted(v)));
      return out;
    }
    if (e.isJsonArray()) {
      JsonArray out = new JsonArray();
      e.getAsJsonArray().forEach(v -> out.add(sorted(v)));
      return out;
    }
    return e;
  }

  static String write(Object value) {
    return GSON.toJson(value);
  }

  static JsonElement parse(String text) {
    return JsonParser.parseString(text);
  }

  /** A JSON object as nested maps, lists, strings, numbers (doubles) and booleans. */
  static Map<String, Object> toMap(String json) {
    return toMap(parse(json));
  }

  static Map<String, Object> toMap(JsonElement json) {
    return GSON.fromJson(json, new TypeToken<LinkedHashMap<String, Object>>() {}.getType());
  }

  static List<Double> curve(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    if (text.startsWith("[")) {
      List<Double> out = new ArrayList<>();
      parse(text).getAsJsonArray().forEach(e -> out.add(e.getAsDouble()));
      return out;
    }
    return Arrays.stream(text.split(",")).map(Double::valueOf).toList(); // schema 1
  }

  /** An episode's steps, as {@link #write} wrote them (Gson reads records by their components). */
  static List<StoredEpisode.Step> steps(String text) {
    return List.of(GSON.fromJson(text, StoredEpisode.Step[].class));
  }

  static Map<String, Double> metrics(String text) {
    Map<String, Double> m = new TreeMap<>();
    if (text.startsWith("{")) {
      parse(text).getAsJsonObject().entrySet().forEach(e -> m.put(e.getKey(), number(e)));
    } else if (!text.isEmpty()) {
      for (String kv : text.split(",")) { // schema 1
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), Double.valueOf(kv.substring(eq + 1)));
      }
    }
    return m;
  }

  private static double number(Map.Entry<String, JsonElement> e) {
    try {
      return e.getValue().getAsDouble();
    } catch (RuntimeException bad) {
      throw new JsonParseException("metric " + e.getKey() + " is not a number: " + e.getValue());
    }
  }

  /**
   * The first place where {@code now} differs from {@code stored}, walking both in key order, as
   * {@code path: stored X, now Y}; empty when they are equal.
   */
  static Optional<String> firstDifference(JsonElement stored, JsonElement now) {
    return difference("", stored, now);
  }

  private static Optional<String> difference(String path, JsonElement a, JsonElement b) {
    if (a != null && b != null && a.isJsonObject() && b.isJsonObject()) {
      JsonObject x = a.getAsJsonObject();
      JsonObject y = b.getAsJsonObject();
      TreeSet<String> keys = new TreeSet<>(x.keySet());
      keys.addAll(y.keySet());
      for (String k : keys) {
        Optional<String> d = difference(path.isEmpty() ? k : path + "." + k, x.get(k), y.get(k));
        if (d.isPresent()) {
          return d;
        }
      }
      return Optional.empty();
    }
    if (a != null && b != null && a.isJsonArray() && b.isJsonArray()) {
      JsonArray x = a.getAsJsonArray();
      JsonArray y = b.getAsJsonArray();
      if (x.size() == y.size()) {
        for (int i = 0; i < x.size(); i++) {
          Optional<String> d = difference(path + "[" + i + "]", x.get(i), y.get(i));
          if (d.isPresent()) {
            return d;
          }
        }
        return Optional.empty();
      }
    }
    if (a == null ? b == null : a.equals(b)) {
      return Optional.empty();
    }
    return Optional.of(path + ": stored " + shown(a) + ", now " + shown(b));
  }

  private static String shown(JsonElement e) {
    return e == null ? "(absent)" : e.toString();
  }
}
