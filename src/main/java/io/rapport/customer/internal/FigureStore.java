package io.rapport.customer.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rapport.customer.CustomerFigures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Stores figures per identifier; lists sum them over a customer's identifiers when they filter. */
@Service
class FigureStore implements CustomerFigures {

    private final JdbcTemplate batches;

    FigureStore(JdbcTemplate batches) {
        this.batches = batches;
    }

    /** Two statements in JDBC batches, however many identifiers: a batch of orders changes hundreds of them. */
    @Override
    public void replace(String prefix, Map<String, Map<String, BigDecimal>> figures) {
        List<Object[]> deletes = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        String pattern = Like.escape(prefix) + "%";
        figures.forEach((identifier, values) -> {
            deletes.add(new Object[] {identifier, pattern});
            values.forEach((name, value) -> {
                if (!name.startsWith(prefix) || name.length() > MAX_NAME_LENGTH) {
                    throw new IllegalArgumentException("A figure's name starts with " + prefix + " and has at most "
                            + MAX_NAME_LENGTH + " characters: " + name);
                }
                inserts.add(new Object[] {identifier, name, value});
            });
        });
        batches.batchUpdate("delete from customer_figures where identifier = ? and name like ? escape '\\'", deletes);
        batches.batchUpdate("insert into customer_figures (identifier, name, amount) values (?, ?, ?)", inserts);
    }
}
