package org.vanguard.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Starts the hub; with no configuration it runs the embedded default with the demo vanguard. Each package below this
 * one is a feature, an application module that Spring Modulith verifies ({@code ModularityTests}); {@code web} is what
 * they all share.
 */
@SpringBootApplication(scanBasePackages = {"org.vanguard.hub", "org.vanguard.routes"})
@ConfigurationPropertiesScan(basePackages = {"org.vanguard.hub", "org.vanguard.routes"})
@Modulithic(systemName = "Vanguard Hub", sharedModules = "web")
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }
}
