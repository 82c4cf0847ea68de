package io.rapport.feedback.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * CORS of the public survey endpoints ({@code /public/surveys/**}): only pages of the shop origins in {@code
 * rapport.feedback.allowed-origins}, and Rapport's own answer pages at {@code rapport.public-url}, may call them from a
 * browser. A call from another origin is refused with a 403 problem before anything else looks at it, preflight or
 * not; calls without an {@code Origin} (servers, same-origin pages) are not cross-origin and pass.
 */
@Configuration(proxyBeanMethods = false)
class WidgetCors {

    static final String PATHS = "/public/surveys/**";

    @Bean
    FilterRegistrationBean<CorsFilter> widgetCorsFilter(FeedbackProperties properties, JsonMapper json,
            @Value("${rapport.public-url}") String publicUrl) {
        CorsConfiguration cors = new CorsConfiguration();
        List<String> origins = new ArrayList<>(properties.allowedOrigins());
        // Rapport's own answer pages post their form from its public address, which a reverse proxy may hide.
        origins.add(UriComponentsBuilder.fromUriString(publicUrl).replacePath(null).replaceQuery(null).build()
                .toUriString());
        cors.setAllowedOriginPatterns(origins);
        cors.setAllowedMethods(List.of("POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Content-Type"));
        cors.setExposedHeaders(List.of("Retry-After"));
        cors.setMaxAge(86_400L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(PATHS, cors);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(json));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/public/surveys/*");
        // Before Spring Security's chain, so a refused origin costs no more than this.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Refuses a foreign origin with an RFC 9457 problem rather than Spring's plain text. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        private final JsonMapper json;

        ProblemCorsProcessor(JsonMapper json) {
            this.json = json;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                    "This page's origin may not call Rapport's survey endpoints. Add the shop's origin to "
                            + "rapport.feedback.allowed-origins.");
            problem.setTitle("Origin not allowed");
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(json.writeValueAsBytes(problem));
            response.flush();
        }
    }
}
