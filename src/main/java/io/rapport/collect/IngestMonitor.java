package io.rapport.collect;

/** The live state of the ingest pipeline on this node. */
public interface IngestMonitor {

    IngestStatus status();
}
