package io.vqi.compare;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultsCsvTest {

    @Test
    void headerIsExactlyTheSchema() throws IOException {
        assertEquals("codec,setting,image,width,height,bytes,bpp,psnr,msssim,enc_ms,dec_ms", ResultsCsv.HEADER);
        StringWriter out = new StringWriter();
        ResultsCsv.write(List.of(), out);
        assertEquals(ResultsCsv.HEADER + "\n", out.toString());
    }

    @Test
    void numbersUseFixedDecimalsAndSpellNonFiniteValues() {
        Measurement m = Measurement.of("png", "lossless", "a.png", 200, 100, 12345, Double.POSITIVE_INFINITY,
                Double.NaN, 1.5, 0.25);
        assertEquals("png,lossless,a.png,200,100,12345,4.938000,inf,nan,1.500,0.250", ResultsCsv.row(m));
        Measurement j = Measurement.of("jpeg", "50", "b.png", 3, 3, 9, 31.234567, 0.9876543, 2, 3);
        assertEquals("jpeg,50,b.png,3,3,9,8.000000,31.2346,0.987654,2.000,3.000", ResultsCsv.row(j));
        assertEquals("-inf", ResultsCsv.number(Double.NEGATIVE_INFINITY, 2));
    }

    @Test
    void fileNamesWithCommasOrQuotesAreQuoted() {
        Measurement m = Measurement.of("jpeg", "5", "a,\"b\".png", 1, 1, 1, 10, Double.NaN, 0, 0);
        assertEquals("jpeg,5,\"a,\"\"b\"\".png\",1,1,1,8.000000,10.0000,nan,0.000,0.000", ResultsCsv.row(m));
    }
}
