package io.rapport.platform.internal;

import java.time.Clock;

import io.rapport.platform.UploadLimit;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Spring answers an upload over either multipart limit with 413; a negative limit means none. */
    @Bean
    UploadLimit uploadLimit(MultipartProperties multipart) {
        long file = multipart.getMaxFileSize().toBytes();
        long request = multipart.getMaxRequestSize().toBytes();
        return new UploadLimit(Math.min(file < 0 ? Long.MAX_VALUE : file, request < 0 ? Long.MAX_VALUE : request));
    }

    /** BCrypt today; the stored {id} prefix lets a later release move to a stronger hash on sign-in. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** An admin may do what every other role may do. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN").implies("ANALYST", "AGENT", "MARKETER")
                .build();
    }
}
