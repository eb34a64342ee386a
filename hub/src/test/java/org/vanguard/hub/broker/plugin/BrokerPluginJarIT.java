package org.vanguard.hub.broker.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker plugin jar runs inside the Artemis distribution the cluster's brokers are made from (2.40, while the hub
 * embeds and compiles against a newer Artemis): its sources compile against that distribution's {@code lib/} alone, and
 * the built jar's plugins load and start there as a broker.xml or bootstrap.xml makes them (no-argument constructor,
 * then {@code init} with the configured properties), with nothing of the hub, Spring or its other libraries beside them.
 */
@EnabledIfSystemProperty(named = "artemis.home", matches = ".+")
class BrokerPluginJarIT {

    private static final Path SOURCES = Path.of("src/main/java/org/vanguard/hub/broker/plugin");

    @TempDir
    Path classes;

    private static List<Path> distributionJars() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("artemis.home"), "lib"))) {
            return jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Path pluginJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("hub.broker.lib", "target/broker-lib")))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith("-broker-plugin.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no broker plugin jar in target/broker-lib: mvn package"));
        }
    }

    @Test
    @DisplayName("the plugin sources compile against the brokers' Artemis distribution alone")
    void compilesAgainstTheDistribution() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-classpath"));
        List<String> classpath = new ArrayList<>();
        for (Path jar : distributionJars()) {
            classpath.add(jar.toString());
        }
        // Annotations only (null-marking), absent at run time without harm.
        classpath.add(Path.of(org.jspecify.annotations.Nullable.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString());
        arguments.add(String.join(java.io.File.pathSeparator, classpath));
        try (Stream<Path> sources = Files.list(SOURCES)) {
            sources.filter(source -> source.toString().endsWith(".java"))
                    .forEach(source -> arguments.add(source.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    @DisplayName("the built jar holds the plugin package alone, and its plugins start inside the distribution")
    void jarStartsInsideTheDistribution() throws Exception {
        Path jar = pluginJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class")))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("org/vanguard/hub/broker/plugin/"));
        }
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        for (Path distributionJar : distributionJars()) {
            urls.add(distributionJar.toUri().toURL());
        }
        try (URLClassLoader broker =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> pluginType =
                    broker.loadClass("org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin");
            for (String plugin : List.of(
                    "ParticipantSessionCheck", "ValidatedSenderStamp", "FhirContentType", "AmqpReceiptForwarder")) {
                Class<?> type = broker.loadClass("org.vanguard.hub.broker.plugin." + plugin);
                assertThat(pluginType.isAssignableFrom(type))
                        .as("%s is what <broker-plugin> accepts", plugin)
                        .isTrue();
                Object instance = type.getConstructor().newInstance();
                pluginType.getMethod("init", Map.class).invoke(instance, Map.of("mailbox-prefix", "hub.mailbox."));
            }
            Class<?> managerType =
                    broker.loadClass("org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5");
            Class<?> manager = broker.loadClass("org.vanguard.hub.broker.plugin.CertificateSecurityManager");
            assertThat(managerType.isAssignableFrom(manager)).isTrue();
            manager.getMethod("init", Map.class)
                    .invoke(
                            manager.getConstructor().newInstance(),
                            Map.of("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test", "jdbc-user", "postgres"));
            Class<?> interceptorType =
                    broker.loadClass("org.apache.activemq.artemis.protocol.amqp.broker.AmqpInterceptor");
            assertThat(interceptorType.isAssignableFrom(
                            broker.loadClass("org.vanguard.hub.broker.plugin.AmqpPresentation")))
                    .isTrue();
        }
    }
}
