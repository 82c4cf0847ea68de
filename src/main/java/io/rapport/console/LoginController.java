package io.rapport.console;

import io.rapport.platform.Users;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles what it posts. Before the first user exists it sends to setup. */
@Controller
class LoginController {

    private final Users users;

    LoginController(Users users) {
        this.users = users;
    }

    @GetMapping("/console/login")
    String login() {
        return users.anyExists() ? "console/login" : "redirect:/console/setup";
    }
}
