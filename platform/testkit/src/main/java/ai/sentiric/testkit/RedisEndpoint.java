package ai.sentiric.testkit;

/** A Redis server. */
public record RedisEndpoint(String host, int port, Source source) {

    public String url() {
        return "redis://" + host + ":" + port;
    }
}
