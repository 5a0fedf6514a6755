package io.github.meshrefarch.mesh.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The walkthrough's steps: the files {@code NN-name.yaml} of one directory, in number order. */
public final class StepCatalog {

    private static final Pattern STEP_FILE = Pattern.compile("(\\d{2})-[\\w.-]+\\.ya?ml");

    private final Path directory;

    public StepCatalog(Path directory) {
        this.directory = directory;
    }

    /** Every step, read and checked; a step file that is wrong is reported with its name. */
    public List<Step> steps() {
        return files(any -> true);
    }

    /**
     * The step numbered {@code number} ("3" and "03" are the same step). Only its own file is read: a broken file of
     * another step does not stand in the way.
     */
    public Step step(String number) {
        String wanted = number.matches("\\d") ? "0" + number : number;
        return files(wanted::equals).stream()
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "there is no step " + number + " in " + directory + " (run 'meshctl steps' to list them)"));
    }

    private List<Step> files(Predicate<String> number) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory + ": no such step directory (see --steps-dir)");
        }
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.sorted(Comparator.comparing(Path::getFileName)).toList()) {
                Matcher name = STEP_FILE.matcher(file.getFileName().toString());
                if (name.matches() && number.test(name.group(1))) {
                    steps.add(read(name.group(1), file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return steps;
    }

    private static Step read(String number, Path file) {
        Step.StepFile content = DescriptionReader.read(file, Step.StepFile.class);
        int actions =
                (content.apply() != null ? 1 : 0) + (content.rollback() != null ? 1 : 0) + (content.delete() ? 1 : 0);
        if (actions != 1) {
            throw new InvalidInputException(
                    file + ": a step does exactly one of 'apply', 'rollback' or 'delete: true'");
        }
        if (content.title() == null || content.title().isBlank()) {
            throw new InvalidInputException(file + ": field 'title' is missing");
        }
        return new Step(number, content.title(), file, content);
    }
}
