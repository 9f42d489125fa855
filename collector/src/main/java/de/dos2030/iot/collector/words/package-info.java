/**
 * How the collector says things to people, shared by the pages ({@code web}) and the alert texts
 * ({@code alerts.templates}): numbers and units per language, the bundle of words, the title of an alert.
 * It decides nothing and depends on no other feature package, so both may use it without a cycle.
 */
package de.dos2030.iot.collector.words;
