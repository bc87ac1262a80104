// SPDX-License-Identifier: MIT
// Copyright (c) 2026 the llzo-kg developers
package org.llzokg.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Starts Neo4j Community (embedded, with its Bolt server and optionally its HTTP server with
 * Neo4j Browser) in one data directory on 127.0.0.1, writes a ready file once the default
 * database answers, and shuts the DBMS down cleanly on SIGTERM (or SIGINT).
 *
 * <p>Usage: {@code Launcher --data-dir DIR [--bolt-port N] [--http-port N] [--page-cache SIZE]
 * [--ready-file FILE]}. Port 0 means a free port chosen by the OS; the ports actually bound are
 * in the ready file ({@code {"pid":…,"bolt":…,"http":…,"neo4j":"5.26.30"}}). Without
 * {@code --http-port} there is no HTTP server. Heap is the JVM's {@code -Xmx}. A {@code
 * neo4j.conf} in the data directory adds settings, except those set here (addresses, auth,
 * telemetry, memory). Exit codes: 0 after a clean stop, 2 bad usage, 3 the database did not
 * start.
 */
public final class Launcher {
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path home = Path.of(required(options, "data-dir")).toAbsolutePath();
    int boltPort = port(options.getOrDefault("bolt-port", "0"), "--bolt-port");
    String http = options.get("http-port");
    Integer httpPort = http == null ? null : port(http, "--http-port");
    long pageCache = bytes(options.getOrDefault("page-cache", "256m"));
    Path ready = Path.of(options.getOrDefault("ready-file", home.resolve("ready.json").toString()));
    Files.deleteIfExists(ready);

    DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
    Path conf = home.resolve("neo4j.conf");
    if (Files.isRegularFile(conf)) {
      builder.loadPropertiesFromFile(conf); // extra settings; the ones below always win
    }
    DatabaseManagementService dbms =
        builder.setConfig(settings(boltPort, httpPort, pageCache)).build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(ready);
                  } catch (IOException ignored) {
                    // the Python side treats a dead pid as stopped whatever the file says
                  }
                  dbms.shutdown();
                  stopped.countDown();
                },
                "llzo-kg-neo4j-shutdown"));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(START_TIMEOUT.toMillis())) {
      System.err.println("llzo-kg neo4j: the default database did not become available");
      System.exit(3);
    }
    ConnectorPortRegister ports =
        ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
    int bolt = ports.getLocalAddress(ConnectorType.BOLT).getPort();
    HostnamePort httpBound = httpPort == null ? null : ports.getLocalAddress(ConnectorType.HTTP);
    String state =
        String.format(
            Locale.ROOT,
            "{\"pid\": %d, \"host\": \"%s\", \"bolt\": %d, \"http\": %s, \"neo4j\": \"%s\"}%n",
            ProcessHandle.current().pid(),
            HOST,
            bolt,
            httpBound == null ? "null" : Integer.toString(httpBound.getPort()),
            org.neo4j.kernel.internal.Version.getNeo4jVersion());
    Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
    Files.writeString(tmp, state, StandardCharsets.UTF_8);
    Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    System.out.print("llzo-kg neo4j ready: " + state);
    System.out.flush();
    while (!stopped.await(1, TimeUnit.HOURS)) {
      // the DBMS runs until the JVM is told to stop
    }
  }

  /** Loopback only, no auth (a local sandbox), no usage reports, memory set explicitly. */
  static Map<Setting<?>, Object> settings(int boltPort, Integer httpPort, long pageCache) {
    Map<Setting<?>, Object> config = new HashMap<>();
    config.put(BoltConnector.enabled, true);
    config.put(BoltConnector.listen_address, new SocketAddress(HOST, boltPort));
    config.put(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort));
    config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
    config.put(HttpConnector.enabled, httpPort != null);
    if (httpPort != null) {
      config.put(HttpConnector.listen_address, new SocketAddress(HOST, httpPort));
      config.put(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort));
    }
    config.put(HttpsConnector.enabled, false);
    config.put(GraphDatabaseSettings.auth_enabled, false);
    config.put(GraphDatabaseSettings.udc_enabled, false);
    config.put(ServerSettings.allow_telemetry, false);
    config.put(BoltConnector.server_bolt_telemetry_enabled, false);
    config.put(GraphDatabaseSettings.pagecache_memory, pageCache);
    // transaction state within the heap the JVM was given (-Xmx): a runaway query fails alone
    config.put(
        GraphDatabaseSettings.memory_transaction_global_max_size,
        Runtime.getRuntime().maxMemory() / 2);
    // no 256 MB of pre-allocated transaction log per data directory
    config.put(GraphDatabaseSettings.preallocate_logical_logs, false);
    // Bolt's event loops wait this many seconds without work before they end (default 5, and
    // there are two loops): stopping took 10 s after the databases had checkpointed in 0.2 s
    config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1);
    return config;
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || i + 1 == args.length) {
        usage("expected --name value pairs, got " + String.join(" ", args));
      }
      String key = name.substring(2);
      if (!Map.of("data-dir", 1, "bolt-port", 1, "http-port", 1, "page-cache", 1, "ready-file", 1)
          .containsKey(key)) {
        usage("unknown option " + name);
      }
      options.put(key, args[++i]);
    }
    return options;
  }

  static String required(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null) {
      usage("--" + key + " is required");
    }
    return value;
  }

  static int port(String value, String what) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    usage("Invalid " + what + " " + value + " (0-65535; 0 picks a free port)");
    return -1;
  }

  /** "256m", "1g", "512k" or a plain number of bytes. */
  static long bytes(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
      unit = v.endsWith("k") ? 1L << 10 : v.endsWith("m") ? 1L << 20 : 1L << 30;
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Long.parseLong(v) * unit;
    } catch (NumberFormatException e) {
      usage("Invalid --page-cache " + value + " (e.g. 256m)");
      return -1;
    }
  }

  static void usage(String problem) {
    System.err.println("llzo-kg neo4j: " + problem);
    System.err.println(
        "usage: Launcher --data-dir DIR [--bolt-port N] [--http-port N] [--page-cache 256m]"
            + " [--ready-file FILE]");
    System.exit(2);
  }
}
