package io.rapport.customer.internal;

import java.math.BigDecimal;
import java.util.Map;

import io.rapport.customer.CustomerFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stores figures per identifier; lists sum them over a customer's identifiers when they filter. */
@Service
class FigureStore implements CustomerFigures {

    private final JdbcClient jdbc;

    FigureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void replace(String identifier, String prefix, Map<String, BigDecimal> figures) {
        figures.keySet().forEach(name -> {
            if (!name.startsWith(prefix) || name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("A figure's name starts with " + prefix + " and has at most "
                        + MAX_NAME_LENGTH + " characters: " + name);
            }
        });
        jdbc.sql("delete from customer_figures where identifier = ? and name like ? escape '\\'")
                .params(identifier, Like.escape(prefix) + "%").update();
        figures.forEach((name, value) -> jdbc.sql("insert into customer_figures (identifier, name, amount) values (?, ?, ?)")
                .params(identifier, name, value).update());
    }
}
