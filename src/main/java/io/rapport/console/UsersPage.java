package io.rapport.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The people who sign in to the console, and the form that adds one. */
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

    record UserRow(String email, String role, String created, String createdAgo) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("email", "");
        model.addAttribute("role", Role.ANALYST.name());
        return page(model);
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String role, Model model, RedirectAttributes redirect) {
        model.addAttribute("email", email);
        model.addAttribute("role", role);
        Role chosen = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(null);
        if (chosen == null) {
            model.addAttribute("errorField", "role");
            model.addAttribute("error", "Choose what the person may do.");
            return page(model);
        }
        try {
            User user = users.create(email, password, chosen);
            redirect.addFlashAttribute("notice", user.email() + " can now sign in as " + Labels.of(user.role())
                    + ". Give them their password in person or through a password manager.");
            return "redirect:/console/users";
        } catch (ApiProblem problem) {
            model.addAttribute("errorField", problem.field());
            model.addAttribute("error", problem.getMessage());
            return page(model);
        }
    }

    private String page(Model model) {
        Instant now = clock.instant();
        model.addAttribute("users", users.list().stream()
                .map(u -> new UserRow(u.email(), Labels.of(u.role()), Times.full(u.createdAt()),
                        Times.relative(u.createdAt(), now)))
                .toList());
        model.addAttribute("roles", Arrays.stream(Role.values())
                .map(r -> new Labels.Option(r.name(), Labels.of(r) + " — " + Labels.describe(r))).toList());
        model.addAttribute("minPasswordLength", Users.MIN_PASSWORD_LENGTH);
        return "console/users";
    }
}
