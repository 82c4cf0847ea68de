package io.rapport.platform.internal;

import java.util.List;

import io.rapport.platform.ApiKeys;
import io.rapport.platform.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Four doors: the tracking API (write keys, checked by the collect module), the management API (API keys
 * as bearer tokens), what shoppers' browsers load and call (widgets and their endpoints, authenticated by write keys
 * and tokens in the modules that own them, CORS-limited there) and the console (form login with CSRF protection).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain trackingApi(HttpSecurity http) throws Exception {
        CorsConfiguration cors = new CorsConfiguration();
        // Write keys are public in every shop page, so any origin may send events; no cookies are involved.
        cors.setAllowedOriginPatterns(List.of("*"));
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setMaxAge(86_400L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/v1/**", cors);
        return openToScripts(http.securityMatcher("/v1/**").cors(c -> c.configurationSource(source))).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain managementApi(HttpSecurity http, ApiKeys apiKeys, ProblemResponses problems)
            throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(response,
                                HttpStatus.UNAUTHORIZED,
                                "Send an API key as 'Authorization: Bearer <key>'. Admins create keys in the "
                                        + "console under API keys."))
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                HttpStatus.FORBIDDEN, "This API key's role may not do this.")))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain shopperFacing(HttpSecurity http) throws Exception {
        // No login, no session and no CSRF token: these are called from shop pages on other origins, with no
        // cookies of Rapport's. Each module checks the write key or token of its own endpoints.
        return openToScripts(http.securityMatcher("/widget/**", "/public/**")).build();
    }

    /** No login, session or CSRF token: the endpoints behind it authenticate each call themselves. */
    private static HttpSecurity openToScripts(HttpSecurity http) throws Exception {
        return http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    }

    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http, Users users) throws Exception {
        return http
                .addFilterAfter(new CurrentAccessFilter(users), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/console/setup", "/console/login", "/console/css/**", "/webjars/**",
                                "/vendor/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/console/login").defaultSuccessUrl("/console", true).permitAll())
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut"))
                .build();
    }

    @Bean
    UserDetailsService consoleUsers(Users users) {
        return email -> users.credentials(email)
                .map(c -> User.withUsername(c.email()).password(c.passwordHash()).roles(c.role().name()).build())
                .orElseThrow(() -> new UsernameNotFoundException("No user " + email));
    }
}
