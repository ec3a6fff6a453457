package ai.sentiric.dialplan.resolve;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** REST: ask what a call would get, as sip-signaling would (for operators testing their routes). */
@RestController
class ResolveController {

    record ResolveBody(@Nullable String caller, @NotBlank String destination, @Nullable Instant at) {
    }

    private final DialplanResolver resolver;

    ResolveController(DialplanResolver resolver) {
        this.resolver = resolver;
    }

    @PostMapping(path = "/api/v1/resolve", produces = MediaType.APPLICATION_JSON_VALUE)
    String resolve(@Valid @RequestBody ResolveBody body) throws InvalidProtocolBufferException {
        return JsonFormat.printer().print(resolver.resolve(body.caller() == null ? "" : body.caller(), body.destination(), body.at()));
    }
}
