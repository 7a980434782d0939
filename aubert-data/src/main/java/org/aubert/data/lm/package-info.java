/** Word n-gram language model estimation: {@link org.aubert.data.lm.KneserNeyBuilder} (modified Kneser-Ney, ARPA output). */
package org.aubert.data.lm;
