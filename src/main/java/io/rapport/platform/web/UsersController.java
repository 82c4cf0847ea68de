package io.rapport.platform.web;

import java.util.List;

import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Console users, managed by admins. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UsersController {

    private final Users users;

    UsersController(Users users) {
        this.users = users;
    }

    record NewUser(@NotBlank String email, @NotBlank String password, @NotNull Role role) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    User create(@Valid @RequestBody NewUser request) {
        return users.create(request.email(), request.password(), request.role());
    }

    @GetMapping
    List<User> list() {
        return users.list();
    }
}
