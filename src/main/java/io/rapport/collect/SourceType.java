package io.rapport.collect;

/** The kind of touchpoint a source stands for; it becomes the event's channel. */
public enum SourceType {
    WEB, IOS, ANDROID, SERVER, STORE, PHONE, CHAT, EMAIL, SOCIAL, IMPORT
}
