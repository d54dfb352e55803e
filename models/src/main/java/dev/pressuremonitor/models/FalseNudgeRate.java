package dev.pressuremonitor.models;

/**
 * How often a team marked nudges of one category (and rule, when {@code rule} is not null) "not pressure"
 * ({@code GET /api/feedback/rates}).
 *
 * @param nudges      nudges shown in the period
 * @param notPressure of them, marked not pressure (rejected marks left out)
 * @param rate        notPressure / nudges, null without nudges
 */
public record FalseNudgeRate(Category category, String rule, long nudges, long notPressure, Double rate) {}
