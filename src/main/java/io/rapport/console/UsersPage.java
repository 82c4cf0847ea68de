package io.rapport.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The people who sign in to the console: the form that adds one, and per person a role change and removal
 * (not on the signed-in admin's own row; {@link Users} refuses those anyway).
 */
@Controller
@RequestMapping("/console/users")
@PreAuthorize("hasRole('ADMIN')")
class UsersPage {

    private final Users users;
    private final Clock clock;

    UsersPage(Users users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    record UserRow(String id, String email, String role, String roleName, String created, String createdAgo,
            boolean self) {
    }

    @GetMapping
    String list(Model model, Authentication viewer) {
        model.addAttribute("email", "");
        model.addAttribute("role", Role.ANALYST.name());
        return page(model, viewer);
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String role, Model model, Authentication viewer,
            RedirectAttributes redirect) {
        model.addAttribute("email", email);
        model.addAttribute("role", role);
        Role chosen = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(null);
        if (chosen == null) {
            model.addAttribute("errorField", "role");
            model.addAttribute("error", "Choose what the person may do.");
            return page(model, viewer);
        }
        try {
            User user = users.create(email, password, chosen);
            redirect.addFlashAttribute("notice", user.email() + " can now sign in as " + Labels.of(user.role())
                    + ". Give them their password in person or through a password manager.");
            return "redirect:/console/users";
        } catch (ApiProblem problem) {
            model.addAttribute("errorField", problem.field());
            model.addAttribute("error", problem.getMessage());
            return page(model, viewer);
        }
    }

    @PostMapping("/{id}/role")
    String changeRole(@PathVariable UUID id, @RequestParam(defaultValue = "") String role, Authentication viewer,
            RedirectAttributes redirect) {
        Role chosen = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("role", "Choose one of the roles in the list."));
        User user = users.changeRole(new User.Id(id), chosen, self(viewer));
        redirect.addFlashAttribute("notice", user.email() + " now has the role " + Labels.of(user.role())
                + ". If they are signed in, they are signed out and sign in again with the new role.");
        return "redirect:/console/users";
    }

    @PostMapping("/{id}/remove")
    String remove(@PathVariable UUID id, Authentication viewer, RedirectAttributes redirect) {
        User.Id userId = new User.Id(id);
        String email = users.find(userId).map(User::email).orElse("The user");
        users.remove(userId, self(viewer));
        redirect.addFlashAttribute("notice", email + " was removed and can no longer sign in.");
        return "redirect:/console/users";
    }

    private User.@Nullable Id self(Authentication viewer) {
        return users.findByEmail(viewer.getName()).map(User::id).orElse(null);
    }

    private String page(Model model, Authentication viewer) {
        Instant now = clock.instant();
        User.@Nullable Id self = self(viewer);
        model.addAttribute("users", users.list().stream()
                .map(u -> new UserRow(u.id().value().toString(), u.email(), Labels.of(u.role()), u.role().name(),
                        Times.full(u.createdAt()), Times.relative(u.createdAt(), now), u.id().equals(self)))
                .toList());
        model.addAttribute("roles", Arrays.stream(Role.values())
                .map(r -> new Labels.Option(r.name(), Labels.of(r) + " — " + Labels.describe(r))).toList());
        model.addAttribute("roleNames", Arrays.stream(Role.values())
                .map(r -> new Labels.Option(r.name(), Labels.of(r))).toList());
        model.addAttribute("minPasswordLength", Users.MIN_PASSWORD_LENGTH);
        return "console/users";
    }
}
