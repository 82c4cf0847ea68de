package io.rapport.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.rapport.platform.ApiKey;
import io.rapport.platform.ApiKeys;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Keys for the management API: issued with a secret shown once, listed by prefix, revoked. */
@Controller
@RequestMapping("/console/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeysPage {

    private final ApiKeys apiKeys;
    private final Clock clock;

    ApiKeysPage(ApiKeys apiKeys, Clock clock) {
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    record KeyRow(String id, String name, String prefix, String role, String created, String createdAgo,
            boolean active, String revoked) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("name", "");
        model.addAttribute("role", Role.ANALYST.name());
        return page(model);
    }

    @PostMapping
    String issue(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String role,
            Model model, RedirectAttributes redirect) {
        model.addAttribute("name", name);
        model.addAttribute("role", role);
        Role chosen = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(null);
        if (chosen == null) {
            model.addAttribute("errorField", "role");
            model.addAttribute("error", "Choose what the key may do.");
            return page(model);
        }
        try {
            ApiKey.Issued issued = apiKeys.issue(name, chosen);
            // A flash attribute lives for exactly one page view: the secret is shown this once.
            redirect.addFlashAttribute("issuedName", issued.key().name());
            redirect.addFlashAttribute("issuedSecret", issued.secret());
            return "redirect:/console/api-keys";
        } catch (ApiProblem problem) {
            model.addAttribute("errorField", problem.field());
            model.addAttribute("error", problem.getMessage());
            return page(model);
        }
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        apiKeys.revoke(new ApiKey.Id(id));
        redirect.addFlashAttribute("notice", "The key was revoked; calls made with it are refused from now on.");
        return "redirect:/console/api-keys";
    }

    private String page(Model model) {
        Instant now = clock.instant();
        model.addAttribute("keys", apiKeys.list().stream()
                .map(k -> new KeyRow(k.id().value().toString(), k.name(), k.prefix(), Labels.of(k.role()),
                        Times.full(k.createdAt()), Times.relative(k.createdAt(), now), k.active(),
                        Times.full(k.revokedAt())))
                .toList());
        model.addAttribute("roles", Arrays.stream(Role.values())
                .map(r -> new Labels.Option(r.name(), Labels.of(r) + " — " + Labels.describe(r))).toList());
        return "console/api-keys";
    }
}
