# One image recipe for every service of the fleet:
#   docker build --build-arg SERVICE=user-service -t sentiric/user-service .
# The build stage compiles the one module (and what it depends on); the runtime stage holds the
# Boot jar extracted into layers, so that a code change rebuilds only the application layer.
FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl "${SERVICE}" -am package \
 && java -Djarmode=tools -jar "${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT.jar" extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 sentiric
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER sentiric
# The JVM options the local stack uses (platform/devstack ServiceProcess): a fixed heap, touched at
# start, so that no collection grows or shrinks it while calls wait (docker-compose.yml sets each
# service's JAVA_HEAP, and JAVA_SERVICE_OPTS where it has options of its own, such as a fixed young
# generation: devstack's Fleet names the same), a 5 ms pause-time goal
# and Netty's leak detector off; native access for media-service's real-time clocks
# (java.lang.foreign), which `java -jar` takes from the manifest.
ENV JAVA_HEAP=384m
ENV JAVA_OPTS="-XX:MaxGCPauseMillis=5 -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled --enable-native-access=ALL-UNNAMED"
ENTRYPOINT ["sh", "-c", "exec java -Xms$JAVA_HEAP -Xmx$JAVA_HEAP $JAVA_SERVICE_OPTS $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher"]
