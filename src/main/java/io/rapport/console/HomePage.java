package io.rapport.console;

import io.rapport.collect.IngestMonitor;
import io.rapport.collect.IngestStatus;
import io.rapport.collect.Sources;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The overview a person lands on after signing in. */
@Controller
class HomePage {

    private final Sources sources;
    private final IngestMonitor ingest;

    HomePage(Sources sources, IngestMonitor ingest) {
        this.sources = sources;
        this.ingest = ingest;
    }

    /** Rapport's address alone leads to the console (and from there to sign-in or first-run setup). */
    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Model model) {
        IngestStatus status = ingest.status();
        model.addAttribute("sourceCount", sources.list().size());
        model.addAttribute("eventsStored", status.logHead());
        model.addAttribute("lastHour", status.lastHour().stream().mapToLong(IngestStatus.Minute::stored).sum());
        model.addAttribute("consumersWithErrors", status.consumers().stream().filter(c -> c.lastError() != null)
                .count());
        return "console/home";
    }
}
