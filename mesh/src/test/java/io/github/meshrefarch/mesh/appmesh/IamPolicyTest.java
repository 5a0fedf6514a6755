package io.github.meshrefarch.mesh.appmesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The least-privilege policy in mesh/iam-policy.json stays pinned to one account. */
class IamPolicyTest {

    @Test
    void everyResource_isInTheAccountPlaceholder_neverAnyAccount() {
        JsonNode policy =
                JsonMapper.builder().build().readTree(Path.of("iam-policy.json").toFile());
        List<String> resources = new ArrayList<>();
        policy.path("Statement")
                .forEach(statement -> statement.path("Resource").forEach(r -> resources.add(r.asString())));

        assertThat(resources)
                .isNotEmpty()
                .allSatisfy(arn ->
                        assertThat(arn).matches("arn:aws:appmesh:\\*:\\$\\{AWS_ACCOUNT_ID}:mesh/demomesh(/\\*)?"));
    }
}
