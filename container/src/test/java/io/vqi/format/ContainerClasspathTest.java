package io.vqi.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** The container module is pure Java: ND4J is not on its classpath at all (issue 13). */
class ContainerClasspathTest {
    @Test
    void nd4jIsNotOnTheContainersClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.vqi.network.VqVaeModel"));
    }
}
