package io.rapport.console;

import java.util.Collection;

import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs: who is signed in, what they may open (for the navigation), and a readable
 * page instead of an error trace when a service refuses a request.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
class ConsoleAdvice {

    private final RoleHierarchy roles;

    ConsoleAdvice(RoleHierarchy roles) {
        this.roles = roles;
    }

    /** The signed-in person as the navigation shows them; null on the setup and sign-in pages. */
    record Viewer(String email, boolean admin, boolean analyst, boolean marketer, boolean agent) {

        public boolean seesSources() {
            return analyst || marketer;
        }

        public boolean seesCustomers() {
            return analyst || marketer || agent;
        }

        /** Downloads whole customer lists; agents see one customer at a time. */
        public boolean exportsCustomers() {
            return analyst || marketer;
        }
    }

    @ModelAttribute("viewer")
    @Nullable Viewer viewer(@Nullable Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        Collection<? extends GrantedAuthority> reachable = roles.getReachableGrantedAuthorities(
                authentication.getAuthorities());
        return new Viewer(authentication.getName(), has(reachable, "ROLE_ADMIN"), has(reachable, "ROLE_ANALYST"),
                has(reachable, "ROLE_MARKETER"), has(reachable, "ROLE_AGENT"));
    }

    /** The navigation entry to highlight. */
    @ModelAttribute("section")
    String section(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String[] parts = path.split("/");
        return parts.length > 2 ? parts[2] : "home";
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(problem.status().value());
        model.addAttribute("title", problem.title());
        model.addAttribute("message", problem.getMessage());
        return "console/problem";
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String name) {
        return authorities.stream().anyMatch(a -> name.equals(a.getAuthority()));
    }
}
