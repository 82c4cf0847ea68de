package io.rapport.commerce.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.rapport.collect.Page;
import io.rapport.commerce.Cart;
import io.rapport.commerce.Order;
import io.rapport.commerce.OrderStatus;
import io.rapport.commerce.Orders;
import io.rapport.commerce.Product;
import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.customer.Identifier;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Orders, products and carts projected from e-commerce events, newest first with cursor pagination. */
@RestController
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
@Tag(name = "Commerce", description = "Orders, products and carts from e-commerce events; see docs/commerce.md")
class OrdersController {

    private static final String LIMIT = "Items per page, 1–1000.";
    private static final String CURSOR = "The 'next' of the previous page; none for the first page.";

    private final Orders orders;
    private final Customers customers;

    OrdersController(Orders orders, Customers customers) {
        this.orders = orders;
        this.customers = customers;
    }

    @GetMapping("/api/v1/orders")
    @Operation(summary = "Orders, newest first (by when they were placed), filtered and paged",
            description = "Every filter is optional; given together, an order must match all of them. An order is "
                    + "placed when it is completed, else when Rapport first saw it.")
    Page<Order> orders(
            @Parameter(description = "Orders of this user id") @RequestParam(required = false) @Nullable String userId,
            @Parameter(description = "Orders of this anonymous id")
            @RequestParam(required = false) @Nullable String anonymousId,
            @Parameter(description = "Orders of any identifier of this customer (id from /api/v1/customers)")
            @RequestParam(required = false) @Nullable UUID customerId,
            @Parameter(description = "pending, completed, partially_refunded, refunded or cancelled")
            @RequestParam(required = false) @Nullable String status,
            @Parameter(description = "First day (UTC, ISO date such as 2026-01-31) an order was placed on")
            @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last day (UTC, included) an order was placed on")
            @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "Orders whose id starts with this text")
            @RequestParam(required = false) @Nullable String orderId,
            @Parameter(description = LIMIT) @RequestParam(defaultValue = "50") int limit,
            @Parameter(description = CURSOR) @RequestParam(required = false) @Nullable String cursor) {
        List<String> identifiers = null;
        if (userId != null || anonymousId != null || customerId != null) {
            identifiers = new ArrayList<>();
            if (userId != null) {
                identifiers.add(Identifier.userId(userId).encoded());
            }
            if (anonymousId != null) {
                identifiers.add(Identifier.anonymousId(anonymousId).encoded());
            }
            if (customerId != null) {
                identifiers.addAll(customers.dataSubject(new Customer.Id(customerId)).orElseThrow(() ->
                        ApiProblem.notFound("There is no customer with the id " + customerId + ".")).identifiers());
            }
        }
        OrderStatus wanted = status == null ? null : OrderStatus.fromWire(status).orElseThrow(() ->
                ApiProblem.invalidField("status", "status must be one of pending, completed, partially_refunded, "
                        + "refunded, cancelled."));
        return orders.find(new Orders.Filter(identifiers, wanted, Orders.Filter.day("from", from),
                Orders.Filter.day("to", to), orderId), limit, cursor);
    }

    @GetMapping("/api/v1/orders/{orderId}")
    @Operation(summary = "One order with its lines, refunds and coupon events")
    Order.Details order(@PathVariable String orderId) {
        return orders.get(orderId).orElseThrow(() -> ApiProblem.notFound("There is no order with the id '"
                + orderId + "'."));
    }

    @GetMapping("/api/v1/products")
    @Operation(summary = "Products, newest first (in the order Rapport first saw them), as the newest event "
            + "described them")
    Page<Product> products(@Parameter(description = LIMIT) @RequestParam(defaultValue = "50") int limit,
            @Parameter(description = CURSOR) @RequestParam(required = false) @Nullable String cursor) {
        return orders.products(limit, cursor);
    }

    record Carts(List<Cart> items) {
    }

    /** The carts of a person's userId and/or anonymousId (at least one), most recently active first. */
    @GetMapping("/api/v1/carts")
    @Operation(summary = "A person's carts (give userId, anonymousId or both), most recently active first")
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
