/** Load generators for the benchmarks in bench/. */
package ai.sentiric.bench;
