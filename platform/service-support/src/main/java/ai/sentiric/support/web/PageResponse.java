package ai.sentiric.support.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import ai.sentiric.support.errors.DomainException;

/** One page of a list, with what a client needs to ask for the next. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static final int MAX_SIZE = 200;

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }

    /** A validated page request: page from 0, size 1 to {@value #MAX_SIZE}. */
    public static Pageable request(int page, int size, Sort sort) {
        if (page < 0) {
            throw DomainException.invalid("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.invalid("size must be between 1 and " + MAX_SIZE);
        }
        return PageRequest.of(page, size, sort);
    }
}
