package io.rapport.platform.internal;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import io.rapport.platform.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A console session holds the role its user had at sign-in. When an admin removes that user or changes their
 * role, the session ends on its next request, so the change applies at once rather than at the next sign-in.
 */
final class CurrentAccessFilter extends OncePerRequestFilter {

    private final Users users;

    CurrentAccessFilter(Users users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn instanceof UsernamePasswordAuthenticationToken && !stillCurrent(signedIn)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/console/login?accessChanged");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean stillCurrent(Authentication signedIn) {
        // Only roles: the session also holds how the user signed in (e.g. FACTOR_PASSWORD).
        Set<String> held = signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_")).collect(Collectors.toSet());
        return users.credentials(signedIn.getName())
                .map(credentials -> held.equals(Set.of(credentials.role().authority())))
                .orElse(false);
    }
}
