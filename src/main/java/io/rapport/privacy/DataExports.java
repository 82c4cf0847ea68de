package io.rapport.privacy;

import java.time.Clock;
import java.util.List;

import io.rapport.customer.Customer;
import io.rapport.customer.Customers;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.DataSubject;
import io.rapport.platform.PersonalData;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Everything Rapport holds about a person, as one JSON document assembled from every module's personal data. */
@Service
public class DataExports {

    private final Customers customers;
    private final List<PersonalData> modules;
    private final Clock clock;

    DataExports(Customers customers, List<PersonalData> modules, Clock clock) {
        this.customers = customers;
        this.modules = modules;
        this.clock = clock;
    }

    /**
     * {@code customerId}, {@code exportedAt}, {@code identifiers} (encoded, {@code type:value}) and one member
     * per module under {@code modules}. Read in one read-only transaction, so the parts fit together.
     */
    @Transactional(readOnly = true)
    public ObjectNode export(Customer.Id customer) {
        DataSubject subject = customers.dataSubject(customer)
                .orElseThrow(() -> ApiProblem.notFound("There is no customer with the id " + customer + "."));
        ObjectNode export = JsonMapper.shared().createObjectNode();
        export.put("customerId", subject.customerId().toString());
        export.put("exportedAt", clock.instant().toString());
        subject.identifiers().stream().sorted().forEach(export.putArray("identifiers")::add);
        ObjectNode parts = export.putObject("modules");
        for (PersonalData module : modules) {
            // A module with several kinds of data may declare a bean for each: their parts are joined.
            JsonNode part = module.export(subject);
            if (parts.get(module.module()) instanceof ObjectNode earlier && part instanceof ObjectNode more) {
                earlier.setAll(more);
            } else {
                parts.set(module.module(), part);
            }
        }
        return export;
    }
}
