package io.rapport.console;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The first run: creates the first administrator, and is gone once anyone can sign in. */
@Controller
@RequestMapping("/console/setup")
class SetupController {

    private final Users users;

    SetupController(Users users) {
        this.users = users;
    }

    @GetMapping
    String form(Model model) {
        if (users.anyExists()) {
            return "redirect:/console/login";
        }
        model.addAttribute("email", "");
        return page(model);
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm, Model model, RedirectAttributes redirect) {
        if (users.anyExists()) {
            return "redirect:/console/login";
        }
        model.addAttribute("email", email);
        if (!password.equals(confirm)) {
            return refuse(model, "confirm", "The two passwords differ; type the same password twice.");
        }
        try {
            users.createFirstAdmin(email, password);
        } catch (ApiProblem problem) {
            return refuse(model, problem.field(), problem.getMessage());
        }
        redirect.addFlashAttribute("email", email.strip());
        return "redirect:/console/login?setupDone";
    }

    private String refuse(Model model, @Nullable String field, String message) {
        model.addAttribute("errorField", field);
        model.addAttribute("error", message);
        return page(model);
    }

    private String page(Model model) {
        model.addAttribute("minPasswordLength", Users.MIN_PASSWORD_LENGTH);
        return "console/setup";
    }
}
