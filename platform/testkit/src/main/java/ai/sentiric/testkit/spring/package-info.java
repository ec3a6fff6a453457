/** Spring TestContext support: {@link ai.sentiric.testkit.spring.InfrastructureTest}. */
@NullMarked
package ai.sentiric.testkit.spring;

import org.jspecify.annotations.NullMarked;
