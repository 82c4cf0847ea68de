package io.rapport.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import io.rapport.platform.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erases a person: every module's {@link PersonalData} in one transaction, so an erasure happens completely or
 * not at all, and an audit record of it that keeps no personal data.
 */
@Service
public class Erasures {

    private static final TypeReference<Map<String, Map<String, Long>>> COUNTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Customers customers;
    private final List<PersonalData> modules;
    private final Clock clock;

    Erasures(JdbcClient jdbc, Customers customers, List<PersonalData> modules, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.modules = modules;
        this.clock = clock;
    }

    /** Erases everything Rapport holds about the customer; {@code requestedBy} names who asked, for the audit. */
    @Transactional
    public Erasure erase(Customer.Id customer, String requestedBy) {
        modules.forEach(PersonalData::beforeErasure);
        DataSubject subject = customers.dataSubject(customer)
                .orElseThrow(() -> ApiProblem.notFound("There is no customer with the id " + customer + "."));
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (PersonalData module : modules) {
            ErasureCount count = module.erase(subject);
            counts.merge(module.module(), count.rowsByTable(), (a, b) -> {
                Map<String, Long> sum = new LinkedHashMap<>(a);
                b.forEach((table, rows) -> sum.merge(table, rows, Long::sum));
                return sum;
            });
        }
        Erasure erasure = new Erasure(new Erasure.Id(UUID.randomUUID()), clock.instant(), requestedBy, counts);
        jdbc.sql("insert into erasures (id, erased_at, requested_by, counts_json) values (?, ?, ?, ?)")
                .params(erasure.id().value(), Timestamps.of(erasure.erasedAt()), requestedBy,
                        JsonMapper.shared().writeValueAsString(counts))
                .update();
        return erasure;
    }

    /** The audit, newest first. */
    public List<Erasure> list(int limit) {
        return jdbc.sql("select * from erasures order by erased_at desc, id limit ?").param(limit)
                .query((rs, n) -> new Erasure(new Erasure.Id(rs.getObject("id", UUID.class)),
                        Timestamps.instant(rs, "erased_at"), rs.getString("requested_by"),
                        JsonMapper.shared().readValue(rs.getString("counts_json"), COUNTS)))
                .list();
    }
}
