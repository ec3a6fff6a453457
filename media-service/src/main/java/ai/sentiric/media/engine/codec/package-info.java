/** G.711 PCMU and PCMA, sample by sample (ITU-T G.711). */
@NullMarked
package ai.sentiric.media.engine.codec;

import org.jspecify.annotations.NullMarked;
