package io.github.meshrefarch.mesh.cli;

import io.github.meshrefarch.mesh.appmesh.AppMeshConnection;
import io.github.meshrefarch.mesh.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "call",
        mixinStandardHelpOptions = true,
        description = {
            "Run one App Mesh request written for the AWS CLI's --cli-input-json.",
            "Example:",
            "  call update-route --cli-input-json file://product-canary.json",
            "and print the response as JSON."
        })
final class CallCommand implements Callable<Integer> {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @ParentCommand
    MeshctlCommand meshctl;

    @Parameters(index = "0", paramLabel = "OPERATION", description = "App Mesh operation: update-route or UpdateRoute.")
    String operation;

    @Option(
            names = "--cli-input-json",
            required = true,
            paramLabel = "file://F.json",
            description = "The request: file://PATH or inline JSON.")
    String input;

    @Override
    public Integer call() {
        JsonNode request = parse(input);
        try (AppMeshConnection connection = meshctl.connect()) {
            meshctl.out().println(JSON.writeValueAsString(connection.call(operation, request)));
        }
        return ExitCodes.OK;
    }

    private static JsonNode parse(String input) {
        String source = "--cli-input-json";
        String text = input;
        if (input.startsWith("file://")) {
            Path file = Path.of(input.substring("file://".length()));
            source = file.toString();
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new InvalidInputException(
                        file + ": cannot read the request file (" + e.getClass().getSimpleName() + ")");
            }
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(source + ":" + line + ": not valid JSON: " + e.getOriginalMessage());
        }
    }
}
