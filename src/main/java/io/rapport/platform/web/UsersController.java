package io.rapport.platform.web;

import java.util.List;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Console users, managed by admins. Calls come with an API key, which belongs to no user: the rule that an
 * admin cannot demote or remove themselves has nobody to apply to here, the last-admin rule still does.
 */
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

    record RoleChange(@NotNull Role role) {
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

    @PatchMapping("/{id}")
    User changeRole(@PathVariable UUID id, @Valid @RequestBody RoleChange request) {
        return users.changeRole(new User.Id(id), request.role(), null);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        users.remove(new User.Id(id), null);
    }
}
