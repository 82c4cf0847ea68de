package io.rapport.platform.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs: API keys as bearer tokens, write keys as HTTP Basic. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI rapportOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Rapport API").version("v1")
                        .description("""
                                Management and analytics API (/api/v1, API key as 'Authorization: Bearer <key>') \
                                and the Segment-compatible tracking API (/v1, a source's write key as HTTP Basic \
                                user name). Errors are RFC 9457 problem details. Limits of the tracking API: \
                                32 KB per message, 500 KB and 2,500 messages per batch; list pages hold at most \
                                1,000 items.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("An API key created under API keys in the console"))
                        .addSecuritySchemes("writeKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A source's write key as user name, empty password")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
