package io.rapport.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** Lets a {@link RapportTest} declare {@code @Autowired RapportClient rapport} for the server it runs against. */
@TestConfiguration(proxyBeanMethods = false)
class RapportClientConfiguration {

    /** Lazy: the random port is known only once the web server has started. */
    @Bean
    @Lazy
    RapportClient rapportClient(Environment environment) {
        return new RapportClient(environment.getRequiredProperty("local.server.port", Integer.class));
    }
}
