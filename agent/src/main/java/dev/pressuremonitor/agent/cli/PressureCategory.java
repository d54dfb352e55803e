package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Category;
import picocli.CommandLine;

import java.util.Iterator;
import java.util.Locale;

/** A pressure category on the command line, in any case; the other categories are not something to switch off. */
final class PressureCategory implements CommandLine.ITypeConverter<Category> {
    static final String NAMES = String.join(", ", Category.pressure().stream().map(Enum::name).toList());

    @Override
    public Category convert(String value) {
        for (Category c : Category.pressure()) {
            if (c.name().equalsIgnoreCase(value.trim())) return c;
        }
        throw new CommandLine.TypeConversionException("'" + value + "' is not a pressure category: use " + NAMES);
    }

    /** What --off offers in its help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Category.pressure().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
