package io.rapport.commerce.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rapport.collect.Page;
import io.rapport.commerce.Cart;
import io.rapport.commerce.Order;
import io.rapport.commerce.OrderStatus;
import io.rapport.commerce.Orders;
import io.rapport.commerce.Product;
import io.rapport.customer.Identifier;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders, products and carts projected from e-commerce events, newest first with cursor pagination. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
class OrdersController {

    private final Orders orders;

    OrdersController(Orders orders) {
        this.orders = orders;
    }

    @GetMapping("/api/v1/orders")
    Page<Order> orders(@RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String anonymousId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        OrderStatus orderStatus = null;
        if (status != null) {
            try {
                orderStatus = OrderStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status", "status must be one of pending, completed, "
                        + "partially_refunded, refunded, cancelled.");
            }
        }
        return orders.find(new Orders.Query(userId == null ? null : Identifier.userId(userId).encoded(),
                anonymousId == null ? null : Identifier.anonymousId(anonymousId).encoded(), orderStatus, limit, cursor));
    }

    @GetMapping("/api/v1/orders/{orderId}")
    Order.Details order(@PathVariable String orderId) {
        return orders.get(orderId).orElseThrow(() -> ApiProblem.notFound("There is no order with the id '"
                + orderId + "'."));
    }

    @GetMapping("/api/v1/products")
    Page<Product> products(@RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return orders.products(limit, cursor);
    }

    record Carts(List<Cart> items) {
    }

    /** The carts of a person's userId and/or anonymousId (at least one), most recently active first. */
    @GetMapping("/api/v1/carts")
    Carts carts(@RequestParam(required = false) @Nullable String userId,
            @RequestParam(required = false) @Nullable String anonymousId) {
        List<String> identifiers = new ArrayList<>();
        if (userId != null) {
            identifiers.add(Identifier.userId(userId).encoded());
        }
        if (anonymousId != null) {
            identifiers.add(Identifier.anonymousId(anonymousId).encoded());
        }
        if (identifiers.isEmpty()) {
            throw ApiProblem.badRequest("Give userId or anonymousId to list carts.");
        }
        return new Carts(orders.cartsOf(identifiers));
    }
}
