package org.vanguard.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the hub; with no configuration it runs the embedded default with the demo vanguard. */
@SpringBootApplication(scanBasePackages = {"org.vanguard.hub", "org.vanguard.routes"})
@ConfigurationPropertiesScan(basePackages = {"org.vanguard.hub", "org.vanguard.routes"})
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }
}
