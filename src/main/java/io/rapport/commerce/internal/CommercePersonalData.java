package io.rapport.commerce.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rapport.commerce.Orders;
import io.rapport.platform.DataSubject;
import io.rapport.platform.ErasureCount;
import io.rapport.platform.PersonalData;
import io.rapport.platform.SqlLists;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's orders (with their lines, refunds and coupons) and carts (with their events). An erasure deletes
 * them: an order names its buyer through its order id in the shop's own systems, so keeping it without the
 * identifiers would not make it anonymous.
 */
@Component
class CommercePersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Orders orders;

    CommercePersonalData(JdbcClient jdbc, Orders orders) {
        this.jdbc = jdbc;
        this.orders = orders;
    }

    @Override
    public String module() {
        return "commerce";
    }

    @Override
    public JsonNode export(DataSubject subject) {
        JsonMapper json = JsonMapper.shared();
        ObjectNode export = json.createObjectNode();
        ArrayNode orderList = export.putArray("orders");
        for (String orderId : orderIds(subject)) {
            orders.get(orderId).ifPresent(order -> orderList.add(json.valueToTree(order)));
        }
        export.set("carts", json.valueToTree(orders.cartsOf(subject.identifiers())));
        return export;
    }

    @Override
    public ErasureCount erase(DataSubject subject) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (List<String> chunk : SqlLists.chunks(orderIds(subject))) {
            for (String table : List.of("commerce_order_lines", "commerce_refunds", "commerce_coupons",
                    "commerce_orders")) {
                counts.merge(table, (long) jdbc.sql("delete from " + table + " where order_id in (:ids)")
                        .param("ids", chunk).update(), Long::sum);
            }
        }
        if (counts.getOrDefault("commerce_orders", 0L) > 0) {
            // Nothing is left of the orders to mark as changed: readers of purchase histories reload on this.
            jdbc.sql("update commerce_purchase_erasures set erasures = erasures + 1 where id = 1").update();
        }
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            List<String> carts = jdbc.sql("""
                    select cart_key from commerce_carts
                    where user_identifier in (:ids) or anonymous_identifier in (:ids)""")
                    .param("ids", chunk).query(String.class).list();
            for (List<String> cartChunk : SqlLists.chunks(carts)) {
                counts.merge("commerce_cart_events", (long) jdbc.sql(
                        "delete from commerce_cart_events where cart_key in (:keys)").param("keys", cartChunk).update(),
                        Long::sum);
                counts.merge("commerce_coupons", (long) jdbc.sql("""
                        delete from commerce_coupons where cart_id in
                        (select cart_id from commerce_carts where cart_key in (:keys))""")
                        .param("keys", cartChunk).update(), Long::sum);
                counts.merge("commerce_carts", (long) jdbc.sql("delete from commerce_carts where cart_key in (:keys)")
                        .param("keys", cartChunk).update(), Long::sum);
            }
        }
        return ErasureCount.of(counts);
    }

    private List<String> orderIds(DataSubject subject) {
        List<String> ids = new ArrayList<>();
        for (List<String> chunk : SqlLists.chunks(subject.identifiers())) {
            ids.addAll(jdbc.sql("""
                    select order_id from commerce_orders
                    where user_identifier in (:ids) or anonymous_identifier in (:ids) order by order_id""")
                    .param("ids", chunk).query(String.class).list());
        }
        return ids;
    }

}
